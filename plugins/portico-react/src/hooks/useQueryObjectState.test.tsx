import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { useQueryObjectState } from './useQueryObjectState';

function setup(url: string) {
  const locations: string[] = [];
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  const hook = renderHook(
    () => {
      const location = useLocation();
      locations.push(location.search);
      return useQueryObjectState('filters');
    },
    { wrapper },
  );
  return { hook, locations };
}

describe('useQueryObjectState', () => {
  it('reads its fields from the URL, bracketed or percent-encoded, and ignores other keys', () => {
    const { hook } = setup(
      '/events?filters[state]=failing&filters%5Bplugin%5D=apim&tab=all&other[x]=1',
    );
    expect(hook.result.current[0]).toEqual({
      state: 'failing',
      plugin: 'apim',
    });
  });

  it('writes the whole object at once, drops blank fields and keeps other parameters', () => {
    const { hook, locations } = setup('/events?tab=all&filters[state]=failing');
    act(() =>
      hook.result.current[1]({ plugin: 'apim', subject: '', state: undefined }),
    );
    expect(hook.result.current[0]).toEqual({ plugin: 'apim' });
    const last = new URLSearchParams(locations[locations.length - 1]);
    expect(last.get('tab')).toBe('all');
    expect(last.get('filters[plugin]')).toBe('apim');
    expect(last.has('filters[state]')).toBe(false);
  });

  it('never loses a change made right after another one', () => {
    const { hook } = setup('/events');
    act(() => hook.result.current[1]({ plugin: 'apim' }));
    act(() =>
      hook.result.current[1]({ ...hook.result.current[0], subject: 'sub-42' }),
    );
    act(() =>
      hook.result.current[1]({ ...hook.result.current[0], state: 'failing' }),
    );
    expect(hook.result.current[0]).toEqual({
      plugin: 'apim',
      subject: 'sub-42',
      state: 'failing',
    });
  });
});
