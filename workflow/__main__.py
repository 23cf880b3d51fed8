import sys

try:
    from .cli import run
except KeyboardInterrupt:  # Ctrl-C while starting up: no traceback either
    sys.stderr.write("workflow: interrupted\n")
    sys.exit(130)

run()
