package org.medledger.domain.model.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Which version of a resource is current; what searches and counts run over. */
@Entity
@Table(name = "resource_head")
@IdClass(ResourceHead.Key.class)
public class ResourceHead {

    /** Composite key: resource type and logical id. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String resourceType;
        private String resourceId;

        public Key() {
        }

        public Key(String resourceType, String resourceId) {
            this.resourceType = resourceType;
            this.resourceId = resourceId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.resourceType.equals(resourceType)
                    && key.resourceId.equals(resourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resourceType, resourceId);
        }
    }

    @Id
    @Column(name = "resource_type", length = 64)
    private String resourceType;

    @Id
    @Column(name = "resource_id", length = 64)
    private String resourceId;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "last_updated", nullable = false)
    private Instant lastUpdated;

    @Column(name = "head_id", insertable = false, updatable = false)
    private Long headId;

    protected ResourceHead() {
    }

    public ResourceHead(String resourceType, String resourceId) {
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    public void moveTo(int versionNumber, boolean deleted, Instant lastUpdated) {
        this.versionNumber = versionNumber;
        this.deleted = deleted;
        this.lastUpdated = lastUpdated;
    }

    public String getResourceId() {
        return resourceId;
    }

    public int getVersionNumber() {
        return versionNumber;
    }
}
