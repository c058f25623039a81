"""The command line: click commands only. Each parses options, calls the library, maps exit codes."""
