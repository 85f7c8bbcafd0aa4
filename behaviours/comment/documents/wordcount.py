import sys


def count_words(path):
    counts = {}
    with open(path) as handle:
        for line in handle:
            for word in line.split():
                word = word.lower().strip(".,;:!?")
                counts[word] = counts.get(word, 0) + 1
    return counts


def top(counts, n):
    return sorted(counts.items(), key=lambda item: item[1])[:n]


if __name__ == "__main__":
    for word, count in top(count_words(sys.argv[1]), 10):
        print(count, word)
