import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { CrmKanbanArchParser } from "@crm/views/crm_kanban/crm_kanban_arch_parser";

/** The stage's tooltip over a column: its requirements text, then what entering it requires. */
patch(CrmKanbanArchParser.prototype, {
    parse() {
        const archInfo = super.parse(...arguments);
        const stageTooltip = archInfo.tooltipInfo.stage_id;
        if (stageTooltip) {
            archInfo.tooltipInfo.stage_id = {
                ...stageTooltip,
                gate_summary: _t("Required to Enter"),
            };
        }
        return archInfo;
    },
});
