import logging

from odoo import api, models
from odoo.exceptions import RedirectWarning


class CrmStage(models.Model):
    _inherit = "crm.stage"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_holding_leads(self):
        """A stage holding leads, archived (lost) ones included, stays: deleting it
        would leave them with no stage, out of the pipeline."""
        counts = self._count_active_and_archived_leads()
        if not counts:
            return
        lines = [
            self.env._(
                "%(stage)s: %(active)s active and %(archived)s archived "
                "leads or opportunities",
                stage=stage.name,
                active=counts[stage.id][0],
                archived=counts[stage.id][1],
            )
            for stage in self
            if stage.id in counts
        ]
        refusal = RedirectWarning(
            self.env._(
                "These stages still hold leads or opportunities and cannot be "
                "deleted:\n%(stages)s\n\nMove them to another stage first. Check "
                "the archived (lost) opportunities too: the pipeline hides them.",
                stages="\n".join(lines),
            ),
            self.env.ref("crm_stage_deletion_guard.crm_stage_delete_action").id,
            self.env._("Move Opportunities and Delete"),
            {"default_stage_ids": self.ids},
        )
        # A refusal answers the user; without this Odoo's HTTP layer would log it
        # as a server ERROR with a traceback, like a crash.
        refusal.loglevel = logging.INFO
        raise refusal

    def _count_active_and_archived_leads(self):
        """{stage id: (active, archived)} leads of these stages, counting those the
        user cannot see; stages without any are left out."""
        groups = (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [("stage_id", "in", self.ids)],
                ["stage_id", "active"],
                ["__count"],
            )
        )
        counts = {}
        for stage, active, count in groups:
            active_count, archived_count = counts.get(stage.id, (0, 0))
            if active:
                active_count += count
            else:
                archived_count += count
            counts[stage.id] = (active_count, archived_count)
        return counts
