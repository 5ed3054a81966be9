#!/usr/bin/env python

from difflib import SequenceMatcher
import pathlib


class LeadingSpaceNormalizer:
    """Rewrites text so that each line's indentation is relative to the line before.

    Two blocks of code that differ only in how far they are indented then compare equal,
    so an edit written against one applies to the other.

    Given:
    ```
        alpha  # four spaces
            beta  # four more
            gamma  # as many as the line before
    ```

    it becomes:
    ```
        alpha  # four spaces
        beta  # four more than the line before
    gamma  # no change from the line before
    ```
    An outdent is written with a marker character, so the text can be turned back.
    """

    def __init__(self, texts=None):
        chars = set()
        for text in texts or []:
            chars.update(text)
        marker = "\u2190"
        if marker in chars:
            marker = self.unused_marker(chars)
        self.marker = marker

    @staticmethod
    def unused_marker(chars):
        for code in range(0x10FFFF, 0x10000, -1):
            if chr(code) not in chars:
                return chr(code)
        raise ValueError("no character is free to mark an outdent")

    def to_relative(self, text):
        out = []
        previous = ""
        for line in text.splitlines(keepends=True):
            stripped = line.lstrip(" ")
            indent = line[: len(line) - len(stripped)]
            if indent.startswith(previous):
                out.append(indent[len(previous):] + stripped)
            else:
                out.append(self.marker * (len(previous) - len(indent)) + stripped)
            previous = indent
        return "".join(out)


def apply_exact(texts):
    """Apply one search/replace edit: (search, replace, original) -> new text, or None."""
    search, replace, original = texts
    if search not in original:
        return None
    if original.count(search) > 1:
        return None
    return original.replace(search, replace)


def apply_flexibly(texts, strategies):
    """Try each strategy in turn until one applies the edit."""
    for strategy, preprocessors in strategies:
        for preprocess in preprocessors:
            result = try_strategy(texts, strategy, preprocess)
            if result:
                return result
    return None


def try_strategy(texts, strategy, preprocess):
    normalizer = LeadingSpaceNormalizer(texts) if preprocess.get("relative") else None
    if normalizer:
        texts = [normalizer.to_relative(t) for t in texts]
    if preprocess.get("strip_blank"):
        texts = [strip_blank_lines(t) for t in texts]
    return strategy(texts)


def strip_blank_lines(text):
    return "".join(line for line in text.splitlines(keepends=True) if line.strip())


def similarity(a, b):
    return SequenceMatcher(None, a, b).ratio()


def closest_block(search, original, threshold=0.8):
    """The block of `original` most like `search`, if it is similar enough."""
    lines = original.splitlines(keepends=True)
    size = len(search.splitlines())
    best, best_score = None, 0.0
    for start in range(0, max(1, len(lines) - size + 1)):
        block = "".join(lines[start : start + size])
        score = similarity(search, block)
        if score > best_score:
            best, best_score = block, score
    return best if best_score >= threshold else None


def read_fixture(path):
    return pathlib.Path(path).read_text(encoding="utf-8")
