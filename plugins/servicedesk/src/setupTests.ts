import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every package's tests at once on two cores (jest's test timeout is raised in the
// root package.json for the same reason); a render that takes over the
// default second there is slow, not wrong.
configure({ asyncUtilTimeout: 5000 });
