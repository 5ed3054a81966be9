import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--api-key", help="API key (or set OPENAI_API_KEY)")
parser.add_argument("--password", default=None)
