package org.medledger.application.notification;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.medledger.application.RecordNotFoundException;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.notification.Notification;

@Stateless
public class NotificationsBean implements Notifications {

    /** Times as the portal shows them: the server's zone, with its name. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm z")
            .withZone(ZoneId.systemDefault());
    private static final Map<Notification.Kind, String> PAGES = Map.of(
            Notification.Kind.ACCESS_REQUESTED, "/app/patient/consents",
            Notification.Kind.ACCESS_REQUEST_ANSWERED, "/app/doctor/requests",
            Notification.Kind.EMERGENCY_ACCESS, "/app/patient/access",
            Notification.Kind.FLAGGED_EVENT, "/app/auditor/review");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Override
    public void accessRequested(String patientUsername, String doctorDisplay, List<String> categories,
                                List<String> purposes) {
        em.persist(new Notification(patientUsername, Notification.Kind.ACCESS_REQUESTED, doctorDisplay
                + " asks for access to your records (" + String.join(", ", categories) + "; purpose "
                + String.join(", ", purposes) + "). Approve or deny it on your Consents page.", Instant.now()));
    }

    @Override
    public void accessRequestAnswered(String doctorUsername, boolean approved, Instant requestedAt) {
        em.persist(new Notification(doctorUsername, Notification.Kind.ACCESS_REQUEST_ANSWERED,
                "Your access request of " + TIME.format(requestedAt) + (approved
                        ? " was approved: the patient's records open once the consent is on chain."
                        : " was denied: you have no access through it."), Instant.now()));
    }

    @Override
    public void emergencyDeclared(String patientId, String declaredBy, Instant until, String auditEventId) {
        Instant now = Instant.now();
        for (UserAccount account : em.createQuery("SELECT u FROM UserAccount u WHERE u.role = :auditor "
                + "OR (u.role = :patient AND u.fhirReference = :patient_reference)", UserAccount.class)
                .setParameter("auditor", Role.AUDITOR).setParameter("patient", Role.PATIENT)
                .setParameter("patient_reference", "Patient/" + patientId).getResultList()) {
            if (account.getRole() == Role.PATIENT) {
                em.persist(new Notification(account.getUsername(), Notification.Kind.EMERGENCY_ACCESS, declaredBy
                        + " declared an emergency and may see your records for emergency treatment until "
                        + CLOCK.format(until) + ". Your access history shows every view.", now));
            } else {
                em.persist(new Notification(account.getUsername(), Notification.Kind.FLAGGED_EVENT,
                        "Break-glass access to Patient/" + patientId + " by " + declaredBy + " (AuditEvent/"
                                + auditEventId + ") is flagged for review.", now));
            }
        }
    }

    @Override
    public long unreadCount(String username) {
        return em.createQuery("SELECT COUNT(n) FROM Notification n WHERE n.recipient = :user AND n.readAt IS NULL",
                Long.class).setParameter("user", username).getSingleResult();
    }

    @Override
    public List<NotificationEntry> of(String username) {
        return em.createQuery("SELECT n FROM Notification n WHERE n.recipient = :user ORDER BY n.createdAt DESC",
                        Notification.class).setParameter("user", username).setMaxResults(LIMIT).getResultList()
                .stream().map(n -> new NotificationEntry(n.getId(), TIME.format(n.getCreatedAt()), n.getMessage(),
                        PAGES.get(n.getKind()), n.getReadAt() == null)).toList();
    }

    @Override
    public void markRead(String username, String notificationId) {
        Notification notification = notificationId == null ? null : em.find(Notification.class, notificationId);
        if (notification == null || !notification.getRecipient().equals(username)) {
            throw new RecordNotFoundException("Notification");
        }
        notification.markRead(Instant.now());
    }

    @Override
    public void markAllRead(String username) {
        em.createQuery("UPDATE Notification n SET n.readAt = :now WHERE n.recipient = :user AND n.readAt IS NULL")
                .setParameter("now", Instant.now()).setParameter("user", username).executeUpdate();
    }
}
