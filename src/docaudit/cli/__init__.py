"""The command line: click commands only; each parses options, calls the library, sets the exit."""
