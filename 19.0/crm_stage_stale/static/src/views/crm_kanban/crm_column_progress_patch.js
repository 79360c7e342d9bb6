import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { CrmColumnProgress } from "@crm/views/crm_kanban/crm_column_progress";

patch(CrmColumnProgress.prototype, {
    /** All the column's rotting opportunities, not only its loaded cards. */
    getRottingGroupCount(group) {
        const rotting = super.getRottingGroupCount(group);
        const staleCount = group.model.staleCountOf?.(group) ?? null;
        if (!rotting.title || staleCount === null) {
            return rotting;
        }
        return { ...rotting, value: staleCount };
    },

    /**
     * The column's weighted revenue, summed as its expected revenue is (in the
     * company's currency when the column holds several), unless the column
     * already sums it.
     */
    getWeightedRevenueGroupAggregate(group) {
        const { progressAttributes } = this.props.progressBarState;
        const field = progressAttributes.weighted_revenue_sum_field;
        if (!field || field.name === progressAttributes.sumField?.name) {
            return null;
        }
        return {
            ...this.props.progressBarState.getAggregateValue(group, field),
            title: _t("Weighted Revenue"),
        };
    },
});
