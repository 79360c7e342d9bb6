from odoo import api, fields, models


class CrmLead(models.Model):
    """Revenue totals per stage, expected and weighted (by the probability), as
    the pipeline's columns and the stage list show them: in the current company's
    currency, each opportunity converted at today's rate, as Odoo's revenue
    reports do, never money of two currencies added as one."""

    _inherit = "crm.lead"

    @api.model
    @api.readonly
    def read_revenue_by_stage(self, domain):
        """The pipeline columns' totals: {"currency_id": the company's currency,
        "stages": [{"stage_id": stage id, "expected": expected revenue,
        "weighted": weighted revenue}]} of the opportunities of ``domain`` the
        user can read. A list, not a dict keyed by stage id: XML-RPC takes only
        text keys. Read-only: served by a replica when there is one."""
        return {
            "currency_id": self.env.company.currency_id.id,
            "stages": [
                {"stage_id": stage.id, "expected": expected, "weighted": weighted}
                for stage, (_count, expected, weighted) in self._revenue_by_stage(
                    domain
                ).items()
                if stage
            ],
        }

    @api.model
    def _revenue_by_stage(self, domain):
        """{stage: (count, expected revenue, weighted revenue)} of the leads of
        ``domain`` the user can read, in the company's currency."""
        company = self.env.company
        today = fields.Date.context_today(self)
        totals = {}
        for stage, lead_company, count, expected, weighted in self._read_group(
            domain,
            ["stage_id", "company_id"],
            ["__count", "expected_revenue:sum", "prorated_revenue:sum"],
        ):
            currency = lead_company.currency_id or company.currency_id
            known_count, known_expected, known_weighted = totals.get(stage, (0, 0, 0))
            totals[stage] = (
                known_count + count,
                known_expected
                + currency._convert(expected, company.currency_id, company, today),
                known_weighted
                + currency._convert(weighted, company.currency_id, company, today),
            )
        return totals
