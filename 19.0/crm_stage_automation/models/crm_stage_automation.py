from odoo import api, fields, models
from odoo.exceptions import ValidationError

MAX_DELAY_DAYS = 365


class CrmStageAutomation(models.Model):
    """A line of a stage's Automation section: an ordinary automation rule that
    the line writes, on Odoo's engine, from what a sales manager picks."""

    _name = "crm.stage.automation"
    _description = "Stage Automation"
    _order = "stage_id, sequence, id"

    stage_id = fields.Many2one(
        "crm.stage", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    event = fields.Selection(
        selection="_selection_event",
        help="The business event that moves opportunities here; empty on the lines "
        "acting when an opportunity enters the stage.",
    )
    action = fields.Selection(
        [
            ("move", "Move here"),
            ("activity", "Plan an activity"),
            ("email", "Send an email"),
        ],
        required=True,
        default="move",
    )
    # the actions on entering the stage, as the stage's dialog offers them
    entry_action = fields.Selection(
        [("activity", "Plan an activity"), ("email", "Send an email")],
        string="Then",
        compute="_compute_entry_action",
        readonly=False,
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        domain="['|', ('res_model', '=', False), ('res_model', '=', 'crm.lead')]",
        help="An activity is planned: activities of this type. Plan an activity: "
        "the activity planned.",
    )
    delay_days = fields.Integer(
        string="Due in (days)",
        help="Days from the opportunity's entry in the stage; 0: the activity "
        "type's own delay.",
    )
    assignee = fields.Selection(
        [("salesperson", "The salesperson"), ("user", "A user")],
        default="salesperson",
    )
    user_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'crm.lead')]",
    )
    template_user_id = fields.Many2one(
        "res.users",
        string="Template Chosen By",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The email renders and is posted with this user's rights: whoever "
        "chose its template.",
    )
    rule_id = fields.Many2one(
        "base.automation",
        string="Automation Rule",
        readonly=True,
        copy=False,  # a copy writes its own
        ondelete="set null",
        help="The automation rule behind this line (Settings › Technical › "
        "Automation Rules). Deleted there, the line stays, switched off: switching "
        "it on writes its rule anew.",
    )
    enabled = fields.Boolean(
        string="On",
        compute="_compute_from_rule",
        inverse="_inverse_enabled",
        readonly=False,
        default=True,  # the form's first onchange reads defaults, not the compute
        help="Switched off, its rule is deactivated.",
    )
    rule_name = fields.Char(
        string="Rule",
        compute="_compute_from_rule",
        help="The name of its automation rule in Settings › Technical › Automation "
        "Rules.",
    )
    is_custom = fields.Boolean(
        string="Custom",
        compute="_compute_from_rule",
        help="Its rule was changed in Automation Rules beyond what this line says: "
        "it is kept as it is, never rewritten from here.",
    )

    _delay_days_range = models.Constraint(
        f"CHECK(delay_days >= 0 AND delay_days <= {MAX_DELAY_DAYS})",
        f"The delay of a stage's activity must be between 0 and {MAX_DELAY_DAYS} days.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("action")
    def _compute_entry_action(self):
        for line in self:
            line.entry_action = (
                line.action if line.action in ("activity", "email") else False
            )

    @api.depends(
        "rule_id.active",
        "rule_id.trigger",
        "rule_id.filter_domain",
        "rule_id.filter_pre_domain",
        "rule_id.action_server_ids",
    )
    def _compute_from_rule(self):
        for line in self:
            rule = line.rule_id.sudo()
            # a line being added is on; one whose rule was deleted, off
            line.enabled = rule.active if rule else not line._origin.id
            line.rule_name = rule.name
            line.is_custom = bool(rule) and line._rule_differs(rule)

    def _inverse_enabled(self):
        for line in self.filtered("id"):  # a line being created writes its rule
            if line.enabled and not line.rule_id:
                line._write_rule()
            line.rule_id.sudo().active = line.enabled

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_self_written(vals_list)
        vals_list = [self._prepared(vals) for vals in vals_list]
        for vals in vals_list:
            self._check_values(vals, self.env["crm.stage"].browse(vals.get("stage_id")))
        lines = super().create(vals_list)
        for line, vals in zip(lines, vals_list, strict=True):
            if not line.rule_id:
                line._write_rule()
                line.rule_id.sudo().active = vals.get("enabled", True)
        return lines

    def write(self, vals):
        self._check_self_written([vals])
        if vals.get("enabled"):
            self._check_may_switch_on()
        custom = self.filtered("is_custom")
        vals = self._prepared(vals)
        stage = self.env["crm.stage"].browse(vals.get("stage_id")) or self.stage_id[:1]
        self._check_values(vals, stage)
        res = super().write(vals)
        if set(vals) - {"enabled", "sequence"}:
            if custom:
                raise ValidationError(
                    self.env._(
                        "This rule was changed in Automation Rules: change it "
                        "there, or delete the line and add it again."
                    )
                )
            # a line whose rule was deleted writes it anew when switched on
            for line in self.filtered("rule_id"):
                line._write_rule()
        return res

    def unlink(self):
        """A line's rule goes with it; a rule changed in Automation Rules stays,
        as the consultant left it."""
        rules = self.filtered(lambda line: not line.is_custom).rule_id
        res = super().unlink()
        if rules:  # base_automation reloads the registry on any unlink
            rules.sudo().unlink()
        return res

    @api.model
    def _prepared(self, vals):
        """The action on entering the stage, as the dialog names it; who chose
        the email template, whose rights its email renders with."""
        if vals.get("entry_action"):
            vals = dict(vals, action=vals["entry_action"])
        # the hooks, as superuser, give a line back its own chooser
        if "template_id" in vals and not (self.env.su and "template_user_id" in vals):
            vals = dict(vals, template_user_id=vals["template_id"] and self.env.uid)
        return vals
