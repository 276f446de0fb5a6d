package org.conduit.manager.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.conduit.manager.auth.AuthenticationException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OIDC issuer's signing keys, fetched from its JWKS (found by discovery unless configured) and
 * cached. The cache is refreshed when it is older than the refresh interval and when a token names a
 * key id the cache lacks (the issuer rotated its keys), but never more than once per minimum interval,
 * so that tokens with made-up key ids cannot turn this endpoint into a flood of requests to the issuer.
 * A failed periodic refresh keeps the old keys; with no usable keys the failure is
 * {@link Reason#ISSUER_UNREACHABLE}, never an invalid token.
 */
final class RemoteJwks implements SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /** Discovery documents and key sets are a few KiB; anything this big is not one. */
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;

    private final String issuer;
    private final URI configuredJwksUri;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration refreshInterval;
    private final Duration minRefreshInterval;
    private final Clock clock;

    /** The last key set fetched and when; {@code null} until the first fetch succeeds. */
    private record Fetched(JWKSet keys, Instant at) {
    }

    private volatile Fetched fetched;
    private Instant lastAttempt;
    private String lastFailure;

    RemoteJwks(TrustedIssuerConfig config, HttpClient http, AuthenticationConfig settings, Clock clock) {
        this.issuer = config.issuer();
        this.configuredJwksUri = config.jwksUri();
        this.http = http;
        this.timeout = settings.httpTimeout().toJavaDuration();
        this.refreshInterval = settings.jwksRefreshInterval().toJavaDuration();
        this.minRefreshInterval = settings.jwksMinRefreshInterval().toJavaDuration();
        this.clock = clock;
    }

    @Override
    public List<JWK> candidates(JWSHeader header) throws AuthenticationException {
        Fetched current = fetched;
        if (current == null || !clock.instant().isBefore(current.at().plus(refreshInterval))) {
            current = refresh(current, false);
        }
        List<JWK> found = SigningKeys.matching(current.keys(), header);
        if (found.isEmpty() && header.getKeyID() != null) {
            found = SigningKeys.matching(refresh(current, true).keys(), header);
        }
        return found;
    }

    /**
     * Fetches the keys again unless another thread already replaced {@code seen} or the last attempt was
     * too recent.
     *
     * @param forUnknownKey whether a token named a key id missing from {@code seen}: then a failed fetch
     *                      is reported, since the cached keys cannot verify that token anyway
     */
    private synchronized Fetched refresh(Fetched seen, boolean forUnknownKey) throws AuthenticationException {
        if (fetched != seen) {
            return fetched;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
            if (fetched == null) {
                throw unreachable(lastFailure, null);
            }
            return fetched;
        }
        lastAttempt = now;
        try {
            JWKSet keys = fetch();
            if (fetched == null || !keyIds(fetched.keys()).equals(keyIds(keys))) {
                LOG.info("Issuer {} publishes {} keys, ids {}", issuer, keys.size(), keyIds(keys));
            }
            fetched = new Fetched(keys, now);
            return fetched;
        } catch (IOException e) {
            lastFailure = e.getMessage();
            if (fetched != null && !forUnknownKey) {
                LOG.warn("Refreshing the keys of issuer {} failed, keeping the cached ones: {}", issuer, lastFailure);
                return fetched;
            }
            throw unreachable(lastFailure, e);
        }
    }

    private AuthenticationException unreachable(String failure, IOException cause) {
        return new AuthenticationException(Reason.ISSUER_UNREACHABLE, "The signing keys of issuer " + issuer
                + " could not be fetched (" + failure + "); the token may be valid: retry in "
                + minRefreshInterval.toSeconds() + " s, and if this persists ask the endpoint administrator to check "
                + "that this endpoint can reach the issuer", cause);
    }

    private static Set<String> keyIds(JWKSet set) {
        return set.getKeys().stream()
                .map(key -> String.valueOf(key.getKeyID()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private JWKSet fetch() throws IOException {
        URI jwksUri = configuredJwksUri != null ? configuredJwksUri : discoverJwksUri();
        try {
            return JWKSet.parse(get(jwksUri));
        } catch (ParseException e) {
            throw new IOException(jwksUri + " is not a JSON Web Key Set: " + e.getMessage());
        }
    }

    private URI discoverJwksUri() throws IOException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI discovery = URI.create(base + "/.well-known/openid-configuration");
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(get(discovery));
        } catch (ParseException e) {
            throw new IOException(discovery + " is not a JSON object: " + e.getMessage());
        }
        if (!(document.get("jwks_uri") instanceof String jwksUri)) {
            throw new IOException(discovery + " names no jwks_uri");
        }
        try {
            URI uri = URI.create(jwksUri);
            TrustedIssuerConfig.requireSecureTransport(uri, "the jwks_uri in " + discovery);
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** GETs a small JSON document within the timeout, however slowly the server sends it. */
    private String get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> new BoundedBody());
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("no complete answer from " + uri + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException(uri + ": " + e.getCause(), e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Collects a response body, giving up once it exceeds {@link #MAX_DOCUMENT_BYTES}. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (collected.size() + buffer.remaining() > MAX_DOCUMENT_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("answer larger than " + MAX_DOCUMENT_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                collected.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(collected.toByteArray());
        }
    }
}
