package org.conduit.node.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.filter.FilterFactory;

/**
 * Keeps upload-link requests out of the access log: their URL is the capability itself, and a log file or log
 * shipper must never hold working links. Link uses are audited in the database instead (who, when, what,
 * bytes, client address). Configured as {@code filterFactories: [{type: hide-upload-links}]}.
 */
@JsonTypeName("hide-upload-links")
public final class HideUploadLinksFilterFactory implements FilterFactory<IAccessEvent> {
    @Override
    public Filter<IAccessEvent> build() {
        return new Filter<>() {
            @Override
            public FilterReply decide(IAccessEvent event) {
                return event.getRequestURI() != null && event.getRequestURI().startsWith("/l/")
                    ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
    }
}
