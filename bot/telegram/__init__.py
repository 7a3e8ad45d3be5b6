"""ClassBridge on Telegram, through python-telegram-bot: updates in as `Incoming`, replies out as Bot API calls."""
