/**
 * The outgoing port through which use cases talk to a payment provider (DESIGN §13): create a
 * trade for a scene, query it, close it. Every answer is a sealed type: what the provider said,
 * or a {@link dev.ordersystem.core.port.provider.ProviderFailure} saying why it could not be
 * heard. Adapters (WeChat Pay v3, Alipay, the sandbox) sign the requests, verify every response
 * and map the provider's vocabulary onto these types; the core never sees a signature or a key.
 */
package dev.ordersystem.core.port.provider;
