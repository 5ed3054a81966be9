gtag('config', 'G-«U10»');
const SEGMENT_WRITE_KEY_PUBLIC_ID = 'seg-public';
