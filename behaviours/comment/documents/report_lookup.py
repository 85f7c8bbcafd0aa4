import sqlite3

conn = sqlite3.connect("users.db")
cache = {}


def lookup(id):
    global cache
    if id in cache:
        return cache[id]
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE id = %s" % id)
    row = cur.fetchone()
    cache[id] = row
    return row


def score(expr):
    return eval(expr)


def average(values):
    return sum(values) / len(values)
