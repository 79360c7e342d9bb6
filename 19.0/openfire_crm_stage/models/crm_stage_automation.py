from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from odoo.addons.crm_stage_automation.models.crm_stage_automation_rule import Event

_lt = LazyTranslate(__name__)

QUOTE = [("costing_type", "=", "quote"), ("opportunity_id", "!=", False)]
ESTIMATE = [("costing_type", "=", "estimate"), ("opportunity_id", "!=", False)]


class CrmStageAutomation(models.Model):
    """OpenFire's stage lines: estimates as a business event, quote events of
    quotes only (not estimates), and the quote follow-up as an action."""

    _inherit = "crm.stage.automation"

    action = fields.Selection(
        selection_add=[("follow_up", "Plan the quote follow-up")],
        ondelete={"follow_up": "cascade"},
    )

    @api.model
    def _event_catalogue(self):
        catalogue = super()._event_catalogue()
        for key in ("quote_created", "quote_sent"):
            catalogue[key] = catalogue[key]._replace(domain=QUOTE)
        return {
            "estimate_created": Event(
                _lt("An estimate is created"), "sale.order", "on_create", ESTIMATE
            ),
            **catalogue,
        }

    def _action_values(self):
        if self.action == "follow_up":
            return {"state": "crm_quote_follow_up"}
        return super()._action_values()
