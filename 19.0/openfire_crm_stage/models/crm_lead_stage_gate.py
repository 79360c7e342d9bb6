import logging

from odoo import models

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    """How an opportunity meets OpenFire's stage requirements: only quotations of
    costing type Quote count, and a technical visit planned or done."""

    _inherit = "crm.lead"

    def _gate_quote_domain(self, condition):
        # estimates are no quotes
        return super()._gate_quote_domain(condition) + [("costing_type", "=", "quote")]

    def _meeting_condition(self, condition):
        if condition == "technical_visit":
            return self._with_technical_visit()
        return super()._meeting_condition(condition)

    def _with_technical_visit(self):
        """Those of these opportunities with a Technical Visit activity planned, or
        done (its message, or the activity kept as done by its type), those the
        user cannot see included."""
        visit_type = self.env.ref(
            "openfire_crm_stage.mail_activity_type_technical_visit",
            raise_if_not_found=False,
        )
        if not visit_type:
            _logger.warning(
                "Stage requirement of a technical visit ignored: its activity type "
                "was deleted."
            )
            return self
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", visit_type.id),
                ],
                ["res_id"],
            )
        )
        with_visit = self.browse(res_id for (res_id,) in activities)
        others = self - with_visit
        if not others:
            return with_visit
        messages = (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", others.ids),
                    ("mail_activity_type_id", "=", visit_type.id),
                ],
                ["res_id"],
            )
        )
        return with_visit | self.browse(res_id for (res_id,) in messages)
