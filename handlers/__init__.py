"""Platform-neutral use cases. Nothing here imports a platform, the web framework or bot/."""
