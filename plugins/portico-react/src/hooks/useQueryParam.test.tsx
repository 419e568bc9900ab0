import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { useQueryParam } from './useQueryParam';

describe('useQueryParam', () => {
  it('reads, sets and removes one parameter, keeping the others, without losing quick changes', () => {
    let search = '';
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MemoryRouter initialEntries={['/p?view=mine&other=1']}>
        {children}
      </MemoryRouter>
    );
    const hook = renderHook(
      () => {
        search = useLocation().search;
        return [useQueryParam('view'), useQueryParam('tenant')] as const;
      },
      { wrapper },
    );
    expect(hook.result.current[0][0]).toBe('mine');
    act(() => hook.result.current[1][1]('a'));
    act(() => hook.result.current[1][1]('ac'));
    act(() => hook.result.current[0][1]('awaiting'));
    expect(hook.result.current[0][0]).toBe('awaiting');
    expect(hook.result.current[1][0]).toBe('ac');
    act(() => hook.result.current[0][1](undefined));
    expect(new URLSearchParams(search).has('view')).toBe(false);
    expect(new URLSearchParams(search).get('other')).toBe('1');
  });
});
