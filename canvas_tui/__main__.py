"""`python -m canvas_tui` runs the command line."""

from canvas_tui.cli import main

main()
