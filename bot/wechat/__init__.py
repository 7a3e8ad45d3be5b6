"""ClassBridge on WeChat, through wechatpy: the Official Account, the WeCom app and WeCom group robots."""
