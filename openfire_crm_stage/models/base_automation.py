from odoo import api, models, tools

from odoo.addons.base_automation.models.base_automation import MAIL_TRIGGERS


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    def _get_actions(self, records, triggers):
        """base_automation searches the rules of a model at each of its creations,
        writes and messages: a query every time a quotation is created or sent, or an
        activity scheduled. The rules seldom change: look them up in a cache."""
        automations = self
        if "__action_done" not in self.env.context:
            automations = self.with_context(__action_done={})
        return automations.browse(
            self._get_active_automation_ids(records._name, tuple(triggers))
        )

    @api.model
    @tools.ormcache("model_name", "triggers")
    def _get_active_automation_ids(self, model_name, triggers):
        return tuple(
            self.with_context(active_test=True)
            .sudo()
            .search([("model_name", "=", model_name), ("trigger", "in", triggers)])
            .ids
        )

    def _update_registry(self):
        # called whenever a rule is created, deleted, (de)activated or retargeted
        self.env.registry.clear_cache()
        return super()._update_registry()

    def _process(self, records, domain_post=None):
        """A rule that only moves opportunities queues its records in one go.
        base_automation runs actions record by record, in new environments that
        guard against a rule re-triggering itself: moving the opportunity writes
        nothing on the quotation or the activity, there is nothing to guard. Records
        that keep the date of their last automation (leads) write it, so they go
        through base_automation."""
        actions = self.sudo().action_server_ids
        if (
            not actions
            or set(actions.mapped("state")) != {"crm_stage"}
            or "date_automation_last" in records._fields
        ):
            return super()._process(records, domain_post=domain_post)
        if self.env.context.get("old_values") is not None:
            # a write: only the records whose watched fields changed
            records = records.filtered(self._check_trigger_fields)
        if records:
            for action in actions:
                action._queue_stage_moves(records)

    def _filter_pre(self, records, feedback=False):
        """On a message trigger base_automation checks only the "before update"
        domain: rules moving opportunities check their "Apply on" domain too, so that
        sending an estimate never counts as sending a quote."""
        records = super()._filter_pre(records, feedback=feedback)
        rule = self.sudo()
        if (
            rule.trigger in MAIL_TRIGGERS
            and "crm_stage" in rule.action_server_ids.mapped("state")
        ):
            # no feedback: moving opportunities never computes the records' fields
            records = self._filter_post(records)
        return records
