package org.medledger.application;

import java.io.Serializable;
import java.util.List;

/**
 * Progress of the latest rotation: how many data keys were re-wrapped out of how many, and which old
 * KEK versions were retired once nothing used them.
 */
public record KeyRotationStatus(String currentKek, long rewrapped, long toRewrap, boolean running,
                                List<String> retired, List<String> held) implements Serializable {
}
