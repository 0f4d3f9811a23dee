"""The `stackwright` command as a process: `python -m stackwright` and the installed script. From the start, the
cycle collector is off (main() keeps it off for a short command and gives it back to any other: importing Typer
and the commands makes no cycles worth a collection, and the ones it set off took 3 ms of a cold `cost`) and
dataclasses take their compiled methods from the user cache (stackwright.method_cache), Typer's among them."""

import gc


def run() -> None:
    gc.disable()
    from stackwright import method_cache

    method_cache.install()  # before Typer's own dataclasses are made
    from stackwright.cli import main

    main()


if __name__ == "__main__":
    run()
