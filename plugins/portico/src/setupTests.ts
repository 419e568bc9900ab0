import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every package's tests at once on two cores; a render that takes over the
// default second there is slow, not wrong.
configure({ asyncUtilTimeout: 5000 });
