from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CrmStageDelete(models.TransientModel):
    """Move every lead and opportunity of stages, archived ones included, to another
    stage, then delete the stages."""

    _name = "crm.stage.delete"
    _description = "Move Opportunities and Delete Stages"

    stage_ids = fields.Many2many(
        "crm.stage",
        string="Stages to Delete",
        default=lambda self: self._default_stage_ids(),
    )
    # required in the form only: a missing target gets a sentence, not a SQL error
    target_stage_id = fields.Many2one(
        "crm.stage",
        string="Move to",
        domain="[('id', 'not in', stage_ids), '|', ('team_id', '=', False), "
        "('team_id', 'in', stage_team_ids)]",
    )
    stage_team_ids = fields.Many2many("crm.team", compute="_compute_stage_summary")
    active_lead_count = fields.Integer(
        compute="_compute_stage_summary", string="Active"
    )
    archived_lead_count = fields.Integer(
        compute="_compute_stage_summary", string="Archived (lost)"
    )

    @api.model
    def _default_stage_ids(self):
        if self.env.context.get("active_model") != "crm.stage":
            return False
        ids = self.env.context.get("active_ids") or []
        stages = self.env["crm.stage"].browse(ids).exists()
        if ids and not stages:
            raise UserError(self._stage_gone_message())
        return stages.ids

    @api.depends("stage_ids")
    def _compute_stage_summary(self):
        for wizard in self:
            counts = wizard.stage_ids._count_active_and_archived_leads().values()
            wizard.active_lead_count = sum(active for active, _archived in counts)
            wizard.archived_lead_count = sum(archived for _active, archived in counts)
            wizard.stage_team_ids = wizard.stage_ids.team_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_stages_exist(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_stages_exist(vals)
        return super().write(vals)

    def action_move_and_delete(self):
        self.ensure_one()
        target = self.target_stage_id
        if not self.stage_ids:
            raise UserError(self.env._("Choose at least one stage to delete."))
        if not target:
            raise UserError(
                self.env._("Choose the stage that receives the opportunities.")
            )
        if target in self.stage_ids:
            raise UserError(self.env._("Choose a stage that is not being deleted."))
        # as the user: a manager bound to some companies moves only their leads, and
        # the deletion guard then names those left behind
        leads = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("stage_id", "in", self.stage_ids.ids)])
        )
        counts = self.stage_ids._count_active_and_archived_leads().values()
        out_of_reach = sum(map(sum, counts)) - len(leads)
        if out_of_reach:
            raise UserError(
                self.env._(
                    "%(count)s leads or opportunities of these stages belong to "
                    "companies you cannot access: ask an administrator of those "
                    "companies to move them.",
                    count=out_of_reach,
                )
            )
        if target.team_id and leads.team_id - target.team_id:
            raise UserError(
                self.env._(
                    "The stage %(stage)s belongs to the sales team %(team)s: choose a "
                    "stage that every team of these opportunities uses.",
                    stage=target.name,
                    team=target.team_id.name,
                )
            )
        # a clean-up, not a sale: stage gates let this wizard through; the leads
        # are those the manager may write, moved as administrator
        leads.check_access("write")
        leads.sudo().with_context(skip_stage_gates=self).write({"stage_id": target.id})
        self.stage_ids.unlink()
        if self.env.context.get("active_model") == "crm.stage":
            # opened from the stages list or form: back to the stages that remain
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "crm.crm_stage_action"
            )
            return dict(action, target="main")
        # refused deletion in the pipeline: reload it, as a kanban restored in place
        # keeps the deleted columns
        return {"type": "ir.actions.client", "tag": "reload"}

    def _check_stages_exist(self, vals):
        """Ids sent over RPC may be gone: say so rather than fail on a foreign key."""
        ids = {vals.get("target_stage_id") or 0} - {0}
        for command in vals.get("stage_ids") or []:
            if isinstance(command, int):
                ids.add(command)
            elif command[0] == Command.SET:
                ids.update(command[2])
            elif command[0] == Command.LINK:
                ids.add(command[1])
        if len(self.env["crm.stage"].browse(ids).exists()) != len(ids):
            raise UserError(self._stage_gone_message())

    def _stage_gone_message(self):
        return self.env._("A stage you chose no longer exists: reload the page.")
