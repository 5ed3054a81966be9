SAMPLE_IDS = [
    "«a26»",
    "«a26»",
]
