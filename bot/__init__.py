"""govqa's adapters over the search core: the Telegram bot and the `govqa` command line.

Importing this package does not import ``telegram``; the command line loads the bot only for `serve`.
"""
