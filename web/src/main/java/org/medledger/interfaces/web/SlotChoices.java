package org.medledger.interfaces.web;

import jakarta.faces.model.SelectItem;
import jakarta.faces.model.SelectItemGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.portal.FreeSlot;

/** Free slots as a select's options: one group per day, the times in it. */
final class SlotChoices {

    private SlotChoices() {
    }

    static List<SelectItem> byDay(List<FreeSlot> slots) {
        Map<String, List<SelectItem>> days = new LinkedHashMap<>();
        for (FreeSlot slot : slots) {
            days.computeIfAbsent(slot.day(), d -> new ArrayList<>()).add(new SelectItem(slot.key(), slot.time()));
        }
        List<SelectItem> groups = new ArrayList<>();
        days.forEach((day, times) -> groups.add(new SelectItemGroup(day, null, false,
                times.toArray(new SelectItem[0]))));
        return groups;
    }
}
