var API = "http://api.example.com/orders?key=sk_live_51H8xYz";

async function getOrders(userId) {
  const res = await fetch(API + "&user=" + userId);
  const data = await res.json();
  return data;
}

function summarise(orders) {
  var total = 0;
  for (var i = 0; i <= orders.length; i++) {
    total += orders[i].amount;
  }
  console.log("total is", total);
  return total;
}

function isBig(order) {
  if (order.amount == "1000") return true;
  else return false;
}

async function main() {
  getOrders(42).then(function (orders) {
    document.getElementById("total").innerHTML = summarise(orders);
  });
}

main();
