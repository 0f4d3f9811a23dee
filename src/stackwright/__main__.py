"""The `stackwright` command as a process: `python -m stackwright` and the installed script. The cycle collector
is off from the start, as main() keeps it for a short command and gives it back to any other: importing Typer
and the commands makes no cycles worth a collection, and the ones it set off took 3 ms of a cold `cost`."""

import gc


def run() -> None:
    gc.disable()
    from stackwright.cli import main

    main()


if __name__ == "__main__":
    run()
