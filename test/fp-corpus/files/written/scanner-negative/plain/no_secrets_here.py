#!/usr/bin/env python3
GREETING = 'an ordinary sentence that is long enough to look like something, but is a message'


def run():
    print(GREETING)


if __name__ == '__main__':
    run()
