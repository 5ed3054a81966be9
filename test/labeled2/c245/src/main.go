package main

const tokenLen = 36 // ghp_ + 36 base62 characters

var sample = "ghp_" + strings.Repeat("x", tokenLen)
