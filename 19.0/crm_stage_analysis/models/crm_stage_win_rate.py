from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .res_company import MAX_WIN_RATE_MONTHS

# below this, one more closed opportunity moves the rate by ten points or more
MIN_CLOSED_FOR_WIN_RATE = 10


class CrmStage(models.Model):
    """Won from here: of the opportunities that entered the stage over the
    company's months of history (first entry, rows of Stage Conversion) and are
    closed since, the share that was won. Computed when a stage's form or list
    is read, never in the pipeline. ``win_rate_known`` tells whether the history
    is long enough for the rate to be worth using."""

    _inherit = "crm.stage"

    win_rate_months = fields.Integer(
        string="Win Rates over the Last (Months)",
        compute="_compute_win_rate_months",
        inverse="_inverse_win_rate_months",
        groups="sales_team.group_sale_manager",
        help="How many months of history the win rates of all the stages read, "
        "for the current company.",
    )
    win_rate = fields.Float(
        string="Won from Here (%)",
        compute="_compute_win_rate",
        groups="sales_team.group_sale_manager",
        help="Of the opportunities that entered this stage in the period and are "
        "closed since, the share that was won.",
    )
    win_rate_won_count = fields.Integer(
        string="Won after Entering",
        compute="_compute_win_rate",
        groups="sales_team.group_sale_manager",
    )
    win_rate_closed_count = fields.Integer(
        string="Closed after Entering",
        compute="_compute_win_rate",
        groups="sales_team.group_sale_manager",
    )
    win_rate_known = fields.Boolean(
        string="Enough History for a Win Rate",
        compute="_compute_win_rate",
        groups="sales_team.group_sale_manager",
    )
    win_rate_summary = fields.Char(
        string="Won from Here",
        compute="_compute_win_rate",
        groups="sales_team.group_sale_manager",
        help="Of the opportunities that entered this stage in the period and are "
        "closed since, the share that was won, with its counts. Opportunities "
        "still open are left out until they are won or lost.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends_context("allowed_company_ids")
    def _compute_win_rate_months(self):
        for stage in self:
            stage.win_rate_months = self.env.company.stage_win_rate_months

    def _inverse_win_rate_months(self):
        # a setting of the company, which sales managers may not edit: they
        # choose it here, on the stages that only they may edit
        for stage in self:
            if stage.win_rate_months != self.env.company.stage_win_rate_months:
                self.env.company.sudo().stage_win_rate_months = stage.win_rate_months

    @api.depends("is_won", "win_rate_months")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_win_rate(self):
        """One query for all the stages, over the opportunities the user sees."""
        now = fields.Datetime.now()
        for months, stages in self.grouped("win_rate_months").items():
            # a period being typed in the form, refused on save, crashes nothing
            months = min(max(months, 1), MAX_WIN_RATE_MONTHS)
            counts = defaultdict(int)
            for stage, outcome, count in self.env["crm.stage.conversion"]._read_group(
                [
                    ("stage_id", "in", stages._origin.ids),
                    ("outcome", "in", ("won", "lost")),
                    ("date_in", ">=", now - relativedelta(months=months)),
                ],
                ["stage_id", "outcome"],
                ["__count"],
            ):
                counts[stage, outcome] = count
            for stage in stages:
                won = counts[stage._origin, "won"]
                stage._set_win_rate(won, won + counts[stage._origin, "lost"])

    def _set_win_rate(self, won, closed):
        self.win_rate_won_count = won
        self.win_rate_closed_count = closed
        self.win_rate = round(100 * won / closed) if closed else 0.0
        self.win_rate_known = not self.is_won and closed >= MIN_CLOSED_FOR_WIN_RATE
        if self.is_won:
            self.win_rate_summary = False
        elif self.win_rate_known:
            self.win_rate_summary = self.env._(
                "%(rate)s %% — %(won)s won of %(closed)s closed",
                rate=int(self.win_rate),
                won=won,
                closed=closed,
            )
        else:
            self.win_rate_summary = self.env._(
                "Too few closed opportunities: %(closed)s of the %(needed)s needed",
                closed=closed,
                needed=MIN_CLOSED_FOR_WIN_RATE,
            )
