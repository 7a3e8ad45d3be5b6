from support.wechat_side import side, telegram_platform, wechat_api  # noqa: F401
