import {
  createApplicationSchema,
  rejectionSchema,
} from '@portico/plugin-apim-common';
import { fieldErrors } from './fieldErrors';

describe('fieldErrors', () => {
  it("names each field's first problem in the words of the shared schema", () => {
    expect(
      fieldErrors(
        createApplicationSchema.safeParse({
          name: 'Checkout Web',
          owner: 'group:default/devops-acme',
          environments: [],
        }),
      ),
    ).toEqual({
      name: 'lowercase letters, digits and dashes',
      environments: 'pick at least 1',
    });
    expect(
      fieldErrors(
        createApplicationSchema.safeParse({
          name: 'ab',
          environments: ['sandbox'],
        }),
      ),
    ).toEqual({ name: 'at least 3 characters', owner: 'required' });
  });

  it('keeps custom messages such as the rejection comment rule', () => {
    expect(fieldErrors(rejectionSchema.safeParse({ comment: '  ' }))).toEqual({
      comment: 'a rejection needs a comment',
    });
    expect(fieldErrors(rejectionSchema.safeParse({ comment: 'no' }))).toEqual(
      {},
    );
  });
});
