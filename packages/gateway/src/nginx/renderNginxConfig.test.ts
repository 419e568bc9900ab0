import { renderNginxConfig, routePrefix } from './renderNginxConfig';
import { routesOf } from '../routes';

const OPTIONS = {
  listen: 8080,
  porticoUrl: 'http://portico:7007/',
  authCacheSeconds: 5,
  authHeaderInclude: '/etc/portico/portico-auth.conf',
  cachePath: '/var/cache/portico',
  accessLogPath: '/var/log/portico/access.log',
};

const PAYMENTS = routesOf({
  ref: 'api:default/payments-api',
  name: 'payments-api',
  apiKey: { in: 'header', name: 'X-API-Key' },
  servers: [
    { url: 'https://sandbox.payments.example/v1', environment: 'sandbox' },
    { url: 'https://payments.example/v1/', environment: 'production' },
    { url: 'https://nowhere.example' },
  ],
  plans: [
    { name: 'free', environments: ['sandbox'], rateLimit: { requests: 5, per: 'second' } },
    { name: 'gold', environments: ['sandbox', 'production'], rateLimit: { requests: 200, per: 'second' } },
    { name: 'batch', environments: ['production'], rateLimit: { requests: 600, per: 'hour' } },
    { name: 'open', environments: ['production'] },
  ],
});

describe('routesOf', () => {
  it('makes one route per environment the definition has a server for, with that environment’s plans', () => {
    expect(PAYMENTS.map(r => [r.environment, r.upstream, r.plans.map(p => p.name)])).toEqual([
      ['sandbox', 'https://sandbox.payments.example/v1', ['free', 'gold']],
      ['production', 'https://payments.example/v1/', ['gold', 'batch', 'open']],
    ]);
    expect(routePrefix(PAYMENTS[0])).toBe('/sandbox/payments-api/');
  });

  it('names APIs outside the default namespace with their namespace', () => {
    const [route] = routesOf({
      ref: 'api:billing/invoices',
      name: 'invoices',
      servers: [{ url: 'http://invoices:8080', environment: 'staging' }],
      plans: [],
    });
    expect(route.slug).toBe('billing.invoices');
    expect(route.apiKey).toEqual({ in: 'header', name: 'X-API-Key' });
  });
});

describe('renderNginxConfig', () => {
  const config = renderNginxConfig(PAYMENTS, OPTIONS);

  it('verifies every request with Portico through auth_request, cached for the configured seconds', () => {
    expect(config).toContain('location = /_portico/verify {');
    expect(config).toContain('proxy_pass http://portico:7007/api/apim/gateway/authorize;');
    expect(config).toContain('proxy_cache_valid 200 204 401 403 5s;');
    expect(config).toContain('proxy_cache_key "$portico_api|$portico_environment|$portico_key";');
    expect(config).toContain('include /etc/portico/portico-auth.conf;');
    expect(config.match(/auth_request \/_portico\/verify;/g)).toHaveLength(2);
  });

  it('does not cache at all with a cache time of 0', () => {
    expect(renderNginxConfig(PAYMENTS, { ...OPTIONS, authCacheSeconds: 0 })).not.toContain('proxy_cache ');
  });

  it('has one rate zone per distinct plan rate, counted only for applications on that rate', () => {
    expect(config).toContain('limit_req_zone $portico_rate_5r_s_key zone=portico_rate_5r_s:10m rate=5r/s;');
    expect(config).toContain('limit_req_zone $portico_rate_200r_s_key zone=portico_rate_200r_s:10m rate=200r/s;');
    // 600 an hour is 10 a minute: nginx knows seconds and minutes only.
    expect(config).toContain('zone=portico_rate_10r_m:10m rate=10r/m;');
    expect(config).toContain('map $portico_rate $portico_rate_5r_s_key {\n  "portico_rate_5r_s" $portico_application;\n  default "";\n}');
    // limit_req runs before auth_request: the rate applies in the named location verification hands over to.
    expect(config).toContain('try_files /.portico-gateway-no-such-file @portico_sandbox_payments_api;');
    const sandbox = config.slice(config.indexOf('location @portico_sandbox_payments_api'), config.indexOf('location /production/'));
    expect(sandbox).toContain('limit_req zone=portico_rate_200r_s nodelay;');
    expect(sandbox).toContain('limit_req zone=portico_rate_5r_s nodelay;');
    expect(sandbox).not.toContain('portico_rate_10r_m nodelay');
    expect(config).toContain('limit_req_status 429;');
  });

  it('proxies each environment to its server, without the key, with the application', () => {
    expect(config).toContain('rewrite ^/sandbox/payments-api/(.*)$ /v1/$1 break;\n      proxy_pass https://sandbox.payments.example;');
    expect(config).toContain('rewrite ^/production/payments-api/(.*)$ /v1/$1 break;\n      proxy_pass https://payments.example;');
    expect(config).toContain('set $portico_key $http_x_api_key;');
    expect(config).toContain('proxy_set_header X-API-Key "";');
    expect(config).toContain('proxy_set_header X-Portico-Application $portico_application;');
  });

  it('answers a quota refusal with 429 and Retry-After, and logs each request as JSON', () => {
    expect(config).toMatch(/if \(\$portico_reason = "quota"\) \{\n\s+add_header Retry-After \$portico_retry_after always;\n\s+return 429/);
    expect(config).toContain('access_log /var/log/portico/access.log portico_json;');
    expect(config).toContain('log_format portico_json escape=json');
  });

  it('resolves upstream host names per request when given a resolver, so an unknown host does not stop nginx', () => {
    const text = renderNginxConfig(PAYMENTS, { ...OPTIONS, resolver: '10.0.0.2' });
    expect(text).toContain('resolver 10.0.0.2 valid=30s;');
    expect(text).toContain('set $portico_upstream "https://sandbox.payments.example";\n      proxy_pass $portico_upstream;');
    const [route] = routesOf({ ref: 'api:default/x', name: 'x', servers: [{ url: 'http://127.0.0.1:9000/x', environment: 'sandbox' }], plans: [] });
    expect(renderNginxConfig([route], { ...OPTIONS, resolver: '10.0.0.2' })).toContain('proxy_pass http://127.0.0.1:9000;');
  });

  it('reads a key from the query when the scheme says so', () => {
    const [route] = routesOf({
      ref: 'api:default/maps',
      name: 'maps',
      apiKey: { in: 'query', name: 'api_key' },
      servers: [{ url: 'http://maps:8080', environment: 'sandbox' }],
      plans: [],
    });
    const text = renderNginxConfig([route], OPTIONS);
    expect(text).toContain('set $portico_key $arg_api_key;');
    expect(text).not.toContain('limit_req zone=');
  });

  it('refuses values that would break out of the config', () => {
    const [route] = PAYMENTS;
    expect(() => renderNginxConfig([{ ...route, apiRef: 'api:default/x"; deny all; #' }], OPTIONS)).toThrow(
      /cannot be written into an nginx config/,
    );
    expect(() => renderNginxConfig([{ ...route, upstream: 'file:///etc/passwd' }], OPTIONS)).toThrow(/only http and https/);
  });
});
