import json
import logging

from odoo import api, models
from odoo.exceptions import ValidationError

# Left by the uninstallation for the next installation: the sales managers' lines.
KEPT_AT_UNINSTALL = "crm_stage_automation.kept_at_uninstall"

_logger = logging.getLogger(__name__)

# what a stage's automation line says, besides its rule
LINE_SETTINGS = (
    "stage_id",
    "sequence",
    "event",
    "action",
    "activity_type_id",
    "delay_days",
    "assignee",
    "user_id",
    "template_id",
    "template_user_id",
)


class CrmStageAutomation(models.Model):
    """A sales manager's stage lines through the module's uninstallation, which
    takes their table, and its reinstallation, which gives them back."""

    _inherit = "crm.stage.automation"

    @api.model
    def _note_for_reinstallation(self):
        """The stage lines a sales manager added, for a reinstallation to show
        them again; their rules are switched off meanwhile (those planning an
        activity or sending an email on entering a stage would go on without the
        module)."""
        # an addon's shipped lines come back with its data
        shipped = self.env["ir.model.data"].search([("model", "=", self._name)])
        lines = self.search([("id", "not in", shipped.mapped("res_id"))])
        noted = [
            {
                **{
                    name: line._fields[name].convert_to_write(line[name], line)
                    for name in LINE_SETTINGS
                },
                "rule_id": line.rule_id.id,
                "enabled": line.enabled,
                "custom": line.is_custom,
                "own_action_gone": line.is_custom and line._own_action_goes(),
            }
            for line in lines
            if line.rule_id
        ]
        if rules := lines.rule_id.filtered("active"):
            _logger.warning(
                "Automation rules of stage lines switched off until "
                "crm_stage_automation is installed again: %s",
                rules.mapped("name"),
            )
            rules.active = False
        return noted

    @api.model
    def _restore_kept_at_uninstall(self):
        """Give back the lines the uninstallation noted whose event and action
        are known now; the others wait in the note for the addon that brings
        them (crm_stage_automation_sale's quote events, say), whose installation
        calls this again."""
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .search([("key", "=", KEPT_AT_UNINSTALL)])
        )
        if not param:
            return
        waiting = self._restore_noted(json.loads(param.value))
        if waiting:
            param.value = json.dumps(waiting)
        else:
            param.unlink()

    @api.model
    def _restore_noted(self, noted):
        """The lines noted at the uninstallation, on the rules they had:
        rewritten as the line says, unless an administrator had made the rule his
        own; such a rule gets back the line's action, which went with the
        module. Returns those whose event or action no installed addon knows."""
        events = dict(self._selection_event())
        actions = dict(self._fields["action"]._description_selection(self.env))
        waiting = []
        for values in noted:
            if (values["event"] and values["event"] not in events) or values[
                "action"
            ] not in actions:
                waiting.append(values)
                continue
            values = dict(values)
            rule = self.env["base.automation"].browse(values.pop("rule_id")).exists()
            enabled, custom = values.pop("enabled"), values.pop("custom")
            own_action_gone = values.pop("own_action_gone", False)
            # noted before 18.0.1.3.0: nobody known to render its email as
            values.setdefault("template_user_id", False)
            gone = [
                name
                for name in LINE_SETTINGS
                if self._fields[name].type == "many2one"
                and values[name]
                and not self.env[self._fields[name].comodel_name]
                .browse(values[name])
                .exists()
            ]
            if not rule or gone:
                _logger.warning(
                    "Stage line not given back, its rule or its %s is gone: %s",
                    gone,
                    values,
                )
                continue
            try:
                with self.env.cr.savepoint():
                    line = self.create(dict(values, rule_id=rule.id))
            except ValidationError as error:  # an assignee archived meanwhile…
                _logger.warning("Stage line not given back: %s %s", error, values)
                continue
            if not custom:
                line._write_rule()
            elif own_action_gone:
                line._add_own_action()
            rule.active = enabled
        return waiting

    def _own_action_goes(self):
        """Whether the line's own action is of a type going away with the
        module, and its rule has one."""
        state = self._action_values()["state"]
        states = self.env["ir.actions.server"]._opportunity_action_states()
        return state in states and state in (
            self.rule_id.action_server_ids.mapped("state")
        )
