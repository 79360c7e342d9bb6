from odoo import models


class CrmLead(models.Model):
    """The stage's probability: an opportunity entering a stage that sets it takes
    it, and keeps it, or the one a rep types, until its next change of stage."""

    _inherit = "crm.lead"

    def write(self, vals):
        """Entering a stage that sets the probability gives it: moved there,
        restored in it (lost, then restored) or converted from a lead in it. A
        probability written with the move is kept, and a lost opportunity keeps its
        0 % wherever it is moved but into a won stage, which wins it (Odoo 19)."""
        if "probability" in vals or not (
            vals.get("stage_id") or vals.get("active") or vals.get("type")
        ):
            return super().write(vals)
        res = True
        for probability, leads in self.grouped(
            lambda lead: lead._probability_on_entry(vals)
        ).items():
            # each write gets its own copy: Odoo's write adds values to the one it gets
            leads_vals = dict(vals)
            if probability is not None:
                leads_vals["probability"] = probability
            res = super(CrmLead, leads).write(leads_vals) and res
        return res

    def _pls_get_naive_bayes_probabilities(self, batch_mode=False, is_tooltip=False):
        """While its stage sets the probability, a lead's automated probability is
        the stage's: predictive lead scoring, its nightly job included, never
        changes it, creation and restoring give it, the form's button that goes
        back to the automated probability gives the stage value back, and the
        probability's tooltip shows it."""
        result = super()._pls_get_naive_bayes_probabilities(
            batch_mode=batch_mode, is_tooltip=is_tooltip
        )
        if not self:  # Odoo returns its empty dict alone
            return result
        probabilities, tooltip_data = result
        # the nightly job scores only the leads PLS selected, in SQL
        leads = self.browse(list(probabilities)) if batch_mode else self
        for lead in leads:
            if lead.active and lead.stage_id._sets_probability():
                probabilities[lead.id] = lead.stage_id.probability
                if tooltip_data:
                    tooltip_data["probability"] = lead.stage_id.probability
        return probabilities, tooltip_data

    def _probability_on_entry(self, vals):
        """The probability this lead takes from ``write(vals)``: its stage's when the
        write makes it enter a stage that sets it, None otherwise."""
        self.ensure_one()
        active = vals.get("active", self.active)
        stage = self.env["crm.stage"].browse(vals.get("stage_id")) or self.stage_id
        entering = (
            stage != self.stage_id
            or (vals.get("active") and not self.active)
            or (vals.get("type") == "opportunity" and self.type == "lead")
        )
        if active and entering and stage._sets_probability():
            return stage.probability
        return None
