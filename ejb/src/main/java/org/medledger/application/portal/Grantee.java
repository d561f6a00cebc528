package org.medledger.application.portal;

import java.io.Serializable;

/** Someone a patient may consent to: {@code key} as {@link ConsentRequest#grantee()} takes it, and a label. */
public record Grantee(String key, String label) implements Serializable {
}
