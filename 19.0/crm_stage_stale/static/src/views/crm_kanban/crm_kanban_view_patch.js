import { useBus } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { crmKanbanView } from "@crm/views/crm_kanban/crm_kanban_view";

/**
 * A column showing only its rotting cards (a click on its count) has as many
 * to load as the server counts, not only those already loaded.
 */
const staleCountsProgressBarPatch = {
    getGroupCount(group) {
        const staleCount = group.model.staleCountOf?.(group) ?? null;
        if (this.rotIsFiltered[group.id] && staleCount !== null) {
            return staleCount;
        }
        return super.getGroupCount(group);
    },
};

patch(crmKanbanView.Controller.prototype, {
    setup() {
        super.setup(...arguments);
        if (this.progressBarState) {
            patch(this.progressBarState, staleCountsProgressBarPatch);
            useBus(this.model.bus, "STALE_COUNTS_LOADED", () => this.showAllOfUnstaleColumns());
        }
    },

    /** The weighted revenue is summed per column, as the expected revenue is. */
    get progressBarAggregateFields() {
        const fields = super.progressBarAggregateFields;
        const weighted = this.props.archInfo.progressAttributes?.weighted_revenue_sum_field;
        if (weighted && !fields.includes(weighted)) {
            fields.push(weighted);
        }
        return fields;
    },

    /**
     * Like an emptied progress bar selection: a column showing only its rotting
     * cards shows all of them again once it has none left.
     */
    async showAllOfUnstaleColumns() {
        const { rotIsFiltered } = this.progressBarState;
        for (const group of this.model.root.groups || []) {
            if (rotIsFiltered[group.id] && !this.model.staleCountOf(group)) {
                await this.progressBarState.toggleFilterRotten(group);
            }
        }
    },
});
