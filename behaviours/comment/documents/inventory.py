import json
from os import *


def load(path, items=[]):
    f = open(path)
    data = json.load(f)
    for d in data:
        items.append(d)
    return items


def total_value(items):
    t = 0
    for i in range(len(items)):
        t = t + items[i]["price"] * items[i]["qty"] * 1.2
    return t


def find(items, name):
    for item in items:
        if item["name"] == name:
            return item
    return None


def restock(items, threshold):
    try:
        low = [i for i in items if i["qty"] < threshold]
    except:
        pass
    print("DEBUG low", low)
    return low


def save(items, path):
    # TODO: handle errors
    open(path, "w").write(json.dumps(items))


if __name__ == "__main__":
    ADMIN_PASSWORD = "hunter2"
    stock = load("stock.json")
    print(total_value(stock))
    if find(stock, "widget") == None:
        print("no widgets")
