/** @odoo-module **/

import { patch } from "@web/core/utils/patch";
import { CrmKanbanRenderer } from "@crm/views/crm_kanban/crm_kanban_renderer";

/** A column showing only its stale cards has as many to load as it counts. */
patch(CrmKanbanRenderer.prototype, {
    getGroupUnloadedCount(group) {
        if (!group.model.staleFilteredGroups?.has(group.value)) {
            return super.getGroupUnloadedCount(...arguments);
        }
        const loaded = group.list.records.filter((record) => !record.isInQuickCreation);
        return (group.model.staleCounts[group.value] || 0) - loaded.length;
    },
});
