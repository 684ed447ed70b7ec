"""What every bench script shares: the RESULT line that bench/run.py reads."""
import json
import sys


def report(**figures):
    print("RESULT " + json.dumps(figures), flush=True)


def arg(i, default, kind=int):
    return kind(sys.argv[i]) if len(sys.argv) > i else default
