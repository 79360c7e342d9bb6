import { patch } from "@web/core/utils/patch";
import { ActivityButton } from "@mail/core/web/activity_button";

// A planned activity can make a card fresh: its column's count follows.
patch(ActivityButton.prototype, {
    onActivityChanged() {
        super.onActivityChanged();
        this.props.record.model.loadStaleCounts?.();
    },
});
