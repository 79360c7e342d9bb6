from odoo import api, fields, models
from odoo.exceptions import ValidationError

# ten years: as far back as a stage's history is worth reading
MAX_WIN_RATE_MONTHS = 120


class ResCompany(models.Model):
    _inherit = "res.company"

    stage_win_rate_months = fields.Integer(
        string="Win Rates: Months of History",
        default=12,
        help="The stages' win rates read the opportunities that entered them over "
        "this many months, up to today.",
    )

    _stage_win_rate_months_range = models.Constraint(
        f"CHECK(stage_win_rate_months BETWEEN 1 AND {MAX_WIN_RATE_MONTHS})",
        f"The stages' win rates must read between 1 and {MAX_WIN_RATE_MONTHS} "
        "months of history.",
    )

    @api.constrains("stage_win_rate_months")
    def _check_stage_win_rate_months(self):
        for company in self:
            if not 1 <= company.stage_win_rate_months <= MAX_WIN_RATE_MONTHS:
                raise ValidationError(
                    self.env._(
                        "The win rates of the stages of %(company)s must read between "
                        "1 and %(maximum)s months of history (got %(months)s).",
                        company=company.name,
                        maximum=MAX_WIN_RATE_MONTHS,
                        months=company.stage_win_rate_months,
                    )
                )
