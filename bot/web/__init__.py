"""The Mini App: a small web app Telegram opens inside its clients, served by the bot's own
process with aiohttp (on its own port with long polling, or by the webhook's server).

- ``launch``: Telegram's signed launch data, checked (a pure function)
- ``site``: what the handlers reach (the bot, the database, the throttle)
- ``guard``: every response's headers; every API request's launch data, limit and language
- ``reading``: the screens' data (draws, pool, processing times)
- ``alerts``: the private chat's subscriptions, language and zone, changed as by commands
- ``views``: those answers as JSON values in the reader's language
- ``assets``: the page, its script and style, from bot/web/static
- ``server``: the aiohttp application, its routes, Telegram's updates by webhook, running it
"""
