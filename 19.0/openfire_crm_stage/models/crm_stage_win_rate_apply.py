from odoo import models
from odoo.exceptions import UserError

from odoo.addons.crm_stage_analysis.models.crm_stage_win_rate import (
    MIN_CLOSED_FOR_WIN_RATE,
)


class CrmStage(models.Model):
    """The win rate that crm_stage_analysis reads from the history, offered as
    the stage's probability."""

    _inherit = "crm.stage"

    def action_apply_win_rate(self):
        """The win rate becomes the stage's probability: the open opportunities
        still carrying the former one follow, as when it is typed (see write)."""
        for stage in self:
            if not stage.win_rate_known:
                raise UserError(
                    self.env._(
                        "The stage %(stage)s has too few closed opportunities for a "
                        "win rate: %(closed)s in the period, %(needed)s needed.",
                        stage=stage.name,
                        closed=stage.win_rate_closed_count,
                        needed=MIN_CLOSED_FOR_WIN_RATE,
                    )
                )
            stage.probability = stage.win_rate
