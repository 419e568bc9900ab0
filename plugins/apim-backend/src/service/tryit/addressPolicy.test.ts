import { isAddressAllowed, resolveAllowedAddresses } from './addressPolicy';

describe('isAddressAllowed', () => {
  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    'fd00::1',
    '100.64.1.1',
    '169.254.169.254',
    'fe80::1',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:a00:1::',
    'not-an-address',
  ])('refuses %s for a public server', address => {
    expect(isAddressAllowed(address, false)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:84e5', '::ffff:8.8.8.8'])(
    'allows public %s',
    address => {
      expect(isAddressAllowed(address, false)).toBe(true);
      expect(isAddressAllowed(address, true)).toBe(true);
    },
  );

  it('allows loopback, RFC 1918, unique-local and CGNAT for a private server, never link-local or multicast', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '192.168.1.1', 'fd00::1', '100.64.1.1', '::ffff:10.0.0.1']) {
      expect(isAddressAllowed(address, true)).toBe(true);
    }
    for (const address of ['169.254.169.254', 'fe80::1', '0.0.0.0', '224.0.0.1', '::ffff:169.254.169.254']) {
      expect(isAddressAllowed(address, true)).toBe(false);
    }
  });
});

describe('resolveAllowedAddresses', () => {
  const resolver = jest.fn(async () => [{ address: '8.8.8.8', family: 4 as const }]);

  it('checks IP literals without DNS, brackets and all', async () => {
    await expect(
      resolveAllowedAddresses({ hostname: '[::1]', declaredPrivate: true, allowPrivateServers: true, resolver }),
    ).resolves.toEqual([{ address: '::1', family: 6 }]);
    await expect(
      resolveAllowedAddresses({ hostname: '127.0.0.1', declaredPrivate: false, allowPrivateServers: true, resolver }),
    ).rejects.toThrow(/loopback/);
    expect(resolver).not.toHaveBeenCalled();
  });

  it('returns the checked addresses of a name', async () => {
    await expect(
      resolveAllowedAddresses({ hostname: 'api.example.com', declaredPrivate: false, allowPrivateServers: true, resolver }),
    ).resolves.toEqual([{ address: '8.8.8.8', family: 4 }]);
  });
});
