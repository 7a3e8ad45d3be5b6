"""The scheduler's tick over one feature's providers and a delivery pass, sending into the dialog's transcript,
so scheduled posts sit beside the replies and can be pressed and edited."""
from __future__ import annotations

from bot.outbox_worker import OutboxWorker
from schedules.providers import load_providers
from schedules.tick import tick


class FeatureScheduler:
    def __init__(self, dialog, sessions, clock, feature):
        providers = load_providers()
        # A feature may declare push kinds that another of its kinds' providers hands out (a poll's result).
        self.providers = {push.name: providers[push.name] for push in feature.pushes if push.name in providers}
        self.sessions, self.clock, self.messenger = sessions, clock, dialog.messenger
        self.worker = OutboxWorker(sessions, {"fake": dialog.messenger}, clock)

    async def run(self):
        """One tick and one delivery pass; returns what was sent or edited, as the dialog's deliver does."""
        before = len(self.messenger.transcript)
        edits = {id(m): len(m.edits) for m in self.messenger.transcript}
        await tick(self.sessions, self.clock.now(), self.providers)
        await self.worker.run_once()
        edited = [m for m in self.messenger.transcript[:before] if len(m.edits) > edits[id(m)]]
        return edited + self.messenger.transcript[before:]
